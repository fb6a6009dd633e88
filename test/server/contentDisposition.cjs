// Jest only: @fastify/static calls content-disposition 3's `create` (for reply.download, which the server
// does not use). Version 3 is an ES module that Jest cannot require; version 0.5's function has the same
// signature. Node itself loads the real module.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS shim for Jest
module.exports = { create: require("../../node_modules/content-disposition/index.js") };
