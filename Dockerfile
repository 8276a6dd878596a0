# One image for every service of the mesh; the container's argument picks the service:
#   docker run fulfillment-mesh gateway | catalog | inventory | orders | shipments | operations | seed
# (tools/mesh/src/service.ts). See docker-compose.yml and the README's runbook for the environment each needs.
# NODE_IMAGE: any Debian-based image with Node >= 20.19 and a `node` user (default: the official Node 22 LTS image).
ARG NODE_IMAGE=node:22-bookworm-slim
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build

FROM ${NODE_IMAGE}
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
# The whole built workspace (dev dependencies included: the workspaces share the root node_modules).
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 4000 4001 4002 4003 4004 4005
ENTRYPOINT ["node", "tools/mesh/dist/service.js"]
CMD ["gateway"]
