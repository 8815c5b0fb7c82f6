import { Arg, Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type RequestContext } from '@peksos/schema-kit';
import { AuditRecord } from './audit-record.entity.js';
import { AuditRecordFilter } from './audit.args.js';
import { AuditService } from './audit.service.js';

@ObjectType({ description: 'A page of audit records (a Relay connection): edges with cursors, the nodes, paging information and the total.' })
export class AuditRecordConnection extends ConnectionType(AuditRecord, 'AuditRecord') {}

@Resolver()
export class AuditResolver {
  @Query(() => AuditRecordConnection, { description: 'The audit log, newest first.' })
  auditRecords(
    @Arg('filter', () => AuditRecordFilter, { description: 'Only the records matching every condition given; all of them when null.', nullable: true }) filter: AuditRecordFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return new AuditService(context.dataSource).list(filter, page);
  }
}
