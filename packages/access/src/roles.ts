import { registerEnumType } from 'type-graphql';

/** The roles as a GraphQL enum; the values are the `Role` strings of @peksos/schema-kit. */
export enum AccessRole {
  ADMIN = 'admin',
  COORDINATOR = 'coordinator',
  VIEWER = 'viewer',
  PARTNER = 'partner',
}

registerEnumType(AccessRole, {
  name: 'AccessRole',
  description: 'ADMIN: everything. COORDINATOR: manages records within one area. VIEWER: reads, without personal data. PARTNER: an API key reading its own organisations.',
  valuesConfig: {
    ADMIN: { description: 'Office staff who manage everything, accounts and keys included.' },
    COORDINATOR: { description: 'Manages workers, organisations and cases of one area; reads everything else.' },
    VIEWER: { description: 'Reads everything except personal data.' },
    PARTNER: { description: 'An API key of a partner: reads its own organisations and what hangs on them.' },
  },
});
