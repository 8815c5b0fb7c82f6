import { graphql } from '../../../generated/gql/index.js';

/** Who is signed in (role null when nobody is); anyone may ask. */
export const MeQuery = graphql(`
  query Me {
    me {
      kind
      label
      role
      areaCode
      account {
        id
        username
        displayName
        role
        areaCode
      }
    }
  }
`);

/** A coordinator's area by name, to name it on the pages and in refusals. */
export const AccountAreaQuery = graphql(`
  query AccountArea($code: ID!) {
    area(code: $code) {
      code
      name
    }
  }
`);

export const AccountsQuery = graphql(`
  query Accounts {
    accounts {
      id
      username
      displayName
      role
      areaCode
      disabledAt
      createdAt
      version
    }
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys {
      id
      name
      prefix
      createdAt
      revokedAt
      organisationIds
    }
  }
`);

/** Organisations to choose for a key (and to name a key's organisations), found by name or code. */
export const OrganisationChoicesQuery = graphql(`
  query OrganisationChoices($search: String, $first: Int!) {
    organisations(first: $first, filter: { search: $search, includeArchived: true }, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      nodes {
        id
        name
        areaCode
        archivedAt
      }
    }
  }
`);

/** One organisation's name, for a key's organisation beyond the first page of choices. */
export const OrganisationNameQuery = graphql(`
  query OrganisationName($id: ID!) {
    organisation(id: $id) {
      id
      name
      areaCode
      archivedAt
    }
  }
`);

export const AuditRecordsQuery = graphql(`
  query AuditRecords($filter: AuditRecordFilter, $first: Int!, $after: String) {
    auditRecords(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        recordedAt
        actorKind
        actorId
        actorLabel
        operation
        tableName
        recordId
        action
        before
        after
        event {
          ...HistoryEventFields
        }
      }
    }
  }
`);
