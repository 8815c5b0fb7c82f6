import type { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound, paginate, type PageArgs } from '@peksos/schema-kit';
import { ProfessionalRole } from './professional-role.entity.js';
import type { CreateProfessionalRoleInput } from './professional-role.input.js';

export class ProfessionalRoleService {
  constructor(private readonly dataSource: DataSource) {}

  async get(code: string, field = 'code', db: DataSource | EntityManager = this.dataSource): Promise<ProfessionalRole> {
    const role = await db.getRepository(ProfessionalRole).findOneBy({ code });
    if (!role) throw notFound('Professional role', code, field);
    return role;
  }

  async byCodes(codes: readonly string[]): Promise<ProfessionalRole[]> {
    return this.dataSource
      .getRepository(ProfessionalRole)
      .createQueryBuilder('r')
      .where('r.code = ANY(:codes)', { codes })
      .getMany();
  }

  async list(page: PageArgs) {
    return paginate(this.dataSource.getRepository(ProfessionalRole).createQueryBuilder('r'), [['r.sort_order', 'ASC'], ['r.code', 'ASC']], page);
  }

  async create(input: CreateProfessionalRoleInput): Promise<ProfessionalRole> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(ProfessionalRole);
      if (await repository.findOneBy({ code: input.code })) throw conflict(`Role ${input.code} already exists`, 'code');
      return repository.save(
        repository.create({
          code: input.code,
          labelId: input.labelId.trim(),
          labelEn: input.labelEn.trim(),
          descriptionId: input.descriptionId?.trim() || null,
          descriptionEn: input.descriptionEn?.trim() || null,
          sortOrder: input.sortOrder ?? 100,
        }),
      );
    });
  }
}
