export { runConnectionAssets, createAssetsModuleRunner, type AssetsModuleOutcome } from './run-assets.js';
export { loadAssetConfig, assetConfigProblems } from './asset-config.js';
export { ASSETS_MODULE } from './asset-ports.js';
