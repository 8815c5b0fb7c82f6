import { Ctx, Query, Resolver } from 'type-graphql';
import { oneByKey, type RequestContext } from '@peksos/schema-kit';
import { PmksCategory } from './pmks-category.entity.js';

export function loadPmksCategory(context: RequestContext, code: string): Promise<PmksCategory | null> {
  return context.loaders
    .get<string, PmksCategory | null>('pmksCategory.byCode', async (codes) =>
      oneByKey(
        codes,
        await context.dataSource.getRepository(PmksCategory).createQueryBuilder('p').where('p.code = ANY(:codes)', { codes }).getMany(),
        (row) => row.code,
      ),
    )
    .load(code);
}

@Resolver(() => PmksCategory)
export class PmksCategoryResolver {
  @Query(() => [PmksCategory], { description: 'The 26 PMKS categories of Permensos 8/2012, in their official order.' })
  pmksCategories(@Ctx() context: RequestContext): Promise<PmksCategory[]> {
    return context.dataSource.getRepository(PmksCategory).find({ order: { sortOrder: 'ASC' } });
  }
}
