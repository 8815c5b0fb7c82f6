import type { RequestContext } from '@peksos/schema-kit';
import type { AccessRequest } from './settings.js';

/** The request context the access resolvers need: apps/api provides `access` for every request. */
export interface AccessContext extends RequestContext {
  access: AccessRequest;
}
