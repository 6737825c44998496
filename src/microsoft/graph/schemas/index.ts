export { graphPageSchema, memberDeltaSchema, removedSchema, type MemberDelta } from './common.js';
export { assignedLicenseSchema, signInActivitySchema, userSchema, type GraphUser } from './user.js';
export { groupSchema, type GraphGroup } from './group.js';
export { memberSchema, type GraphMember } from './member.js';
export { servicePlanSchema, subscribedSkuSchema, type GraphSubscribedSku } from './subscribed-sku.js';
export { managedDeviceSchema, type GraphManagedDevice } from './managed-device.js';
export {
  delegatedAdminCustomerSchema,
  delegatedAdminRelationshipSchema,
  type GraphDelegatedAdminCustomer,
  type GraphDelegatedAdminRelationship,
} from './delegated-admin.js';
export { organizationSchema, verifiedDomainSchema, type GraphOrganization } from './organization.js';
export { domainSchema, type GraphDomain } from './domain.js';
export {
  changeNotificationSchema,
  graphSubscriptionSchema,
  lifecycleNotificationSchema,
  notificationCollectionSchema,
  type ChangeNotification,
  type GraphSubscription,
  type LifecycleNotification,
} from './subscription.js';
