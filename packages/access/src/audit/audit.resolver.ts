import { Arg, Args, Ctx, ObjectType, Query, Resolver } from 'type-graphql';
import { ConnectionType, PageArgs, type RequestContext } from '@peksos/schema-kit';
import { AuditRecord } from './audit-record.entity.js';
import { AuditRecordFilter } from './audit.args.js';
import { AuditService } from './audit.service.js';

@ObjectType()
export class AuditRecordConnection extends ConnectionType(AuditRecord, 'AuditRecord') {}

@Resolver()
export class AuditResolver {
  @Query(() => AuditRecordConnection, { description: 'The audit log, newest first.' })
  auditRecords(
    @Arg('filter', () => AuditRecordFilter, { nullable: true }) filter: AuditRecordFilter | undefined,
    @Args() page: PageArgs,
    @Ctx() context: RequestContext,
  ) {
    return new AuditService(context.dataSource).list(filter, page);
  }
}
