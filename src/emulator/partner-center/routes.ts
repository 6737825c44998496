import type { EmulatorContext } from '../context.js';
import { registerApplicationConsentRoutes } from './application-consents.js';
import { registerCustomerRoutes } from './customers.js';
import { registerPriceSheetRoutes } from './price-sheets.js';
import { registerSubscribedSkuRoutes } from './subscribed-skus.js';
import { registerSubscriptionRoutes } from './subscriptions.js';
import { registerWebhookRoutes } from './webhooks/routes.js';

/** Partner Center REST under `/partnercenter/v1/...`, for the partner tenant only. */
export function registerPartnerCenterRoutes(ctx: EmulatorContext): void {
  registerCustomerRoutes(ctx);
  registerSubscriptionRoutes(ctx);
  registerSubscribedSkuRoutes(ctx);
  registerApplicationConsentRoutes(ctx);
  registerWebhookRoutes(ctx);
  registerPriceSheetRoutes(ctx);
}
