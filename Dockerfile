# One image for every service of the mesh; the container's argument picks the service:
#   docker run fulfillment-mesh gateway | catalog | inventory | orders | shipments | operations | seed
# (tools/mesh/src/service.ts). See docker-compose.yml and the README's runbook for the environment each needs.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

FROM node:22-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
# The whole built workspace (dev dependencies included: the workspaces share the root node_modules).
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
ENTRYPOINT ["node", "tools/mesh/dist/service.js"]
CMD ["gateway"]
