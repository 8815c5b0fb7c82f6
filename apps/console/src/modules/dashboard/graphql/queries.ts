import { graphql } from '../../../generated/gql/index.js';

export const WorkforceDashboardQuery = graphql(`
  query WorkforceDashboard($areaCode: String!, $asOf: LocalDate) {
    workforceSummary(areaCode: $areaCode, asOf: $asOf) {
      asOf
      area {
        code
        name
      }
      population
      workers
      certifiedWorkers
      uncertifiedWorkers
      unplacedWorkers
      workersPer100k
      certifiedWorkersPer100k
      organisations
      organisationsNeedingWorker
      organisationsLackingWorker
      organisationsLackingCertifiedWorker
      workersByPlacementKind {
        kind
        workers
      }
      subAreas {
        area {
          code
          name
        }
        population
        workers
        certifiedWorkers
        uncertifiedWorkers
        unplacedWorkers
        workersPer100k
        organisationsNeedingWorker
        organisationsLackingWorker
        organisationsLackingCertifiedWorker
      }
    }
  }
`);
