export { startServer, previewResponse, summary, type Settings } from './server.js';
export * from './protocol.js';
