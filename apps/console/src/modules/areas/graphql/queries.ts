import { graphql } from '../../../generated/gql/index.js';

/** The areas directly under one: the kecamatan of the city, or the kelurahan of a kecamatan. */
export const AreaChildrenQuery = graphql(`
  query AreaChildren($parentCode: String!) {
    areas(filter: { parentCode: $parentCode }, first: 100) {
      nodes {
        code
        name
        level
        population
      }
    }
  }
`);

/** Every area of the registry (a city has a few dozen), for choosing one in a form. */
export const AllAreasQuery = graphql(`
  query AllAreas {
    areas(first: 100) {
      nodes {
        code
        name
        level
        parentCode
      }
    }
  }
`);

export const AreaBreakdownQuery = graphql(`
  query AreaBreakdown($parentCode: String, $asOf: LocalDate) {
    areaBreakdown(parentCode: $parentCode, asOf: $asOf) {
      asOf
      parent {
        code
        name
        level
        # Its ancestors, for the breadcrumbs by name (a kecamatan's city and province; a village has no breakdown).
        parent {
          code
          name
          parent {
            code
            name
          }
        }
      }
      rows {
        area {
          code
          name
          level
        }
        workers
        certifiedWorkers
        population
        workersPer100k
        certifiedWorkersPer100k
        organisationsNeedingWorker
        organisationsLackingWorker
        organisationsLackingCertifiedWorker
      }
    }
  }
`);
