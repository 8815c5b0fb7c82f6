import type { DataSource, EntityManager } from 'typeorm';
import { Area, CoverageService, type WorkforceSummary } from '@peksos/schema-workforce';

/** The figures of the GraphQL `workforceSummary` query, computed by the workforce module's own CoverageService. */
export type SummaryFigures = WorkforceSummary;

export function findArea(db: DataSource | EntityManager, code: string): Promise<Area | null> {
  return db.getRepository(Area).findOneBy({ code });
}

export function childAreas(db: DataSource | EntityManager, code: string): Promise<Area[]> {
  return db.getRepository(Area).find({ where: { parentCode: code }, order: { code: 'ASC' } });
}

export function summarise(db: DataSource | EntityManager, area: Area, asOf: string): Promise<SummaryFigures> {
  return new CoverageService(db, asOf).summarise(area, asOf);
}
