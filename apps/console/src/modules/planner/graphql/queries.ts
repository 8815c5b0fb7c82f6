import { graphql } from '../../../generated/gql/index.js';

/** The coverage plan of an area: proposed placements with why, and per kecamatan what no placement can fix. */
export const CoveragePlanQuery = graphql(`
  query CoveragePlan($areaCode: String!, $certifiedOnly: Boolean!) {
    coveragePlan(areaCode: $areaCode, certifiedOnly: $certifiedOnly) {
      areaCode
      asOf
      certifiedOnly
      maxPlacements
      organisationsLacking
      availableWorkers
      solveMilliseconds
      rows {
        organisationId
        workerId
        nearness
        certified
        placementsBefore
        isPrimary
        organisation {
          id
          name
          area {
            code
            name
          }
        }
        worker {
          id
          fullName
        }
      }
      needs {
        areaCode
        areaName
        organisationsLackingWorker
        coveredByPlan
        stillLackingWorker
        additionalWorkersNeeded
        organisationsLackingCertifiedWorker
        certifiedGapAfterPlan
        additionalCertifiedWorkersNeeded
        certificationCandidates {
          certificationStatus
          worker {
            id
            fullName
          }
          organisations {
            id
            name
          }
        }
      }
    }
  }
`);
