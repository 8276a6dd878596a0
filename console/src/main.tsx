import '@mantine/core/styles.css';
import './theme.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { setNonce } from 'get-nonce';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

// Shade 8 of the primary colour keeps white button labels above 4.5:1 contrast.
const theme = createTheme({ primaryShade: 8 });

// The gateway's Content-Security-Policy allows only `<style>` elements carrying this page's nonce: Mantine's CSS
// variables and responsive style props, and the scroll lock of dialogs (react-remove-scroll, through get-nonce).
// The browser hides the attribute once parsed; the `nonce` property keeps it.
const nonce = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;
if (nonce) setNonce(nonce);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} getStyleNonce={() => nonce ?? ''}>
      <App />
    </MantineProvider>
  </StrictMode>,
);
