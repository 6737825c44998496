export * from './ports.js';
export { runAssetImport, type AssetRunRequest } from './run-assets.js';
