export { casesModule, casesModule as schemaModule } from './cases.module.js';
export { SocialCase } from './cases/case.entity.js';
export { CaseInvolvement } from './involvements/case-involvement.entity.js';
export { PmksCategory } from './pmks-categories/pmks-category.entity.js';
export { CaseWorkloadService } from './workload/case-workload.service.js';
