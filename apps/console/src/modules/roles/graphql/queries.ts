import { graphql } from '../../../generated/gql/index.js';

export const RolesListQuery = graphql(`
  query RolesList {
    professionalRoles(first: 100) {
      totalCount
      nodes {
        code
        labelId
        labelEn
        descriptionId
        descriptionEn
        sortOrder
      }
    }
  }
`);

export const RoleDetailQuery = graphql(`
  query RoleDetail($code: ID!, $roleCode: String!) {
    professionalRole(code: $code) {
      code
      labelId
      labelEn
      descriptionId
      descriptionEn
      sortOrder
    }
    caseInvolvements(filter: { roleCode: $roleCode }, first: 100) {
      totalCount
      nodes {
        id
        isLead
        startsOn
        endsOn
        worker {
          id
          fullName
        }
        case {
          id
          reference
          status
        }
      }
    }
  }
`);
