import type { AssetTypeConfig, AssetTypeRule } from '../../contracts/api/assets-config.js';
import { deviceValue, type IntuneDevice } from './device.js';

/** The asset type a device gets, or why it is left out. */
export type TypeDecision =
  { typeName: string; reason: string } | { excluded: { code: string; reason: string } };

const MAX_TYPE_NAME = 100;

function holds(rule: AssetTypeRule, device: IntuneDevice): boolean {
  const actual = deviceValue(device, rule.field).toLowerCase();
  const wanted = rule.value.toLowerCase();
  switch (rule.operator) {
    case 'equals':
      return actual === wanted;
    case 'notEquals':
      return actual !== wanted;
    case 'contains':
      return actual.includes(wanted);
    case 'startsWith':
      return actual.startsWith(wanted);
    case 'isEmpty':
      return actual === '';
    case 'isNotEmpty':
      return actual !== '';
  }
}

const describe = (rule: AssetTypeRule, index: number) =>
  `rule ${index + 1} (${rule.field} ${rule.operator}${rule.value ? ` "${rule.value}"` : ''})`;

/** Guide 002's three ways to type an asset: one type, an Intune field's value, or rules. */
export function decideAssetType(config: AssetTypeConfig, device: IntuneDevice): TypeDecision {
  switch (config.mode) {
    case 'single':
      return { typeName: config.assetType, reason: 'the same type for all assets' };
    case 'intuneField': {
      const value = deviceValue(device, config.field).slice(0, MAX_TYPE_NAME);
      return value
        ? { typeName: value, reason: `Intune field ${config.field}` }
        : { typeName: config.fallbackAssetType, reason: `${config.field} is empty: the fallback type` };
    }
    case 'rules': {
      const index = config.rules.findIndex((rule) => holds(rule, device));
      const rule = config.rules[index];
      if (rule) return { typeName: rule.assetType, reason: `matched ${describe(rule, index)}` };
      if (config.unmatched === 'fallback' && config.fallbackAssetType) {
        return { typeName: config.fallbackAssetType, reason: 'no rule matched: the fallback type' };
      }
      return {
        excluded: {
          code: 'excluded.noTypeRule',
          reason: 'excluded: no asset type rule matched, and unmatched devices are excluded',
        },
      };
    }
  }
}
