import 'reflect-metadata';
export { accessModule } from './access.module.js';
export { AccessRole } from './roles.js';
export { Account } from './accounts/account.entity.js';
export { AccountService, type NewAccount } from './accounts/account.service.js';
export { ApiKeyService, type CreatedApiKey } from './api-keys/api-key.service.js';
export { SessionService } from './sessions/session.service.js';
export { SignInGuard } from './sessions/sign-in-guard.js';
export { AuditService } from './audit/audit.service.js';
export { recordHistoryModule, RecordHistoryService } from './history/record-history.js';
export { authenticate, accessRequest, requireRoles, readCookie, WWW_AUTHENTICATE, type AuthenticatedLocals } from './http/authentication.js';
export { RateLimiter, rateLimitStore } from './http/rate-limiter.js';
export { hashPassword, verifyPassword, checkNewPassword, DEFAULT_PASSWORD_COST_LOG2 } from './passwords.js';
export {
  DEFAULT_ACCESS_SETTINGS,
  SESSION_COOKIE,
  CSRF_HEADER,
  type AccessSettings,
  type AccessRequest,
} from './settings.js';
export type { AccessContext } from './context.js';
export { ensureDemoAccounts, existingDemoAccounts, DEMO_PASSWORD, DEMO_ACCOUNTS } from './demo-accounts.js';
