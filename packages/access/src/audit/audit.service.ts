import type { DataSource } from 'typeorm';
import { badInput, paginate, type Connection, type PageArgs } from '@peksos/schema-kit';
import { AuditRecord } from './audit-record.entity.js';
import type { AuditRecordFilter } from './audit.args.js';

/** Reading the audit log, newest first. */
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: AuditRecordFilter | undefined, page: PageArgs): Promise<Connection<AuditRecord>> {
    const query = this.dataSource.getRepository(AuditRecord).createQueryBuilder('r');
    if (filter?.actorId) query.andWhere('r.actor_id = :actorId', { actorId: filter.actorId });
    if (filter?.operation) query.andWhere('r.operation = :operation', { operation: filter.operation });
    if (filter?.tableName) query.andWhere('r.table_name = :tableName', { tableName: filter.tableName });
    if (filter?.recordId) query.andWhere('r.record_id = :recordId', { recordId: filter.recordId });
    if (filter?.action) {
      if (!['INSERT', 'UPDATE', 'DELETE', 'READ'].includes(filter.action)) {
        throw badInput('action', 'action is INSERT, UPDATE, DELETE or READ');
      }
      query.andWhere('r.action = :action', { action: filter.action });
    }
    if (filter?.from) query.andWhere('r.recorded_at >= :from', { from: filter.from });
    if (filter?.to) query.andWhere('r.recorded_at < :to', { to: filter.to });
    return paginate(query, [['r.recorded_at', 'DESC'], ['r.id', 'DESC']], page);
  }
}
