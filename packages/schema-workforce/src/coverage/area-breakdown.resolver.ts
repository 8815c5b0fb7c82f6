import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { LocalDateScalar, type RequestContext } from '@peksos/schema-kit';
import { AreaBreakdownService } from './area-breakdown.service.js';
import { AreaBreakdown } from './area-breakdown.type.js';

@Resolver(() => AreaBreakdown)
export class AreaBreakdownResolver {
  @Query(() => AreaBreakdown, {
    description:
      'The workforce figures of each area directly under parentCode (each province of Indonesia when null), on asOf ' +
      '(today by default), in a constant number of SQL statements: the national drill-down. A coordinator may ask ' +
      'for their own area and the areas under it only (FORBIDDEN naming parentCode otherwise).',
  })
  areaBreakdown(
    @Arg('parentCode', () => String, { description: 'The parent’s Kemendagri code, e.g. 32 (Jawa Barat) or 32.77 (Kota Cimahi); null for Indonesia.', nullable: true })
    parentCode: string | null | undefined,
    @Arg('asOf', () => LocalDateScalar, { description: 'The day; today when null.', nullable: true }) asOf: string | undefined,
    @Ctx() context: RequestContext,
  ): Promise<AreaBreakdown> {
    return new AreaBreakdownService(context.dataSource, context.today).breakdown(parentCode, asOf, context.actor);
  }
}
