import { graphql } from '../../../generated/gql/index.js';

/**
 * Personal data (phone, email, NIK, home area, archive reason) is asked for only when the signed-in role may read
 * it (`$withPersonalData`, from `useAccess().seesPersonalData`): a viewer's request would otherwise be refused.
 */
export const WorkersListQuery = graphql(`
  query WorkersList($filter: WorkerFilter, $first: Int!, $after: String, $orderBy: WorkerOrder, $withPersonalData: Boolean!) {
    workers(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        fullName
        gender
        employmentStatus
        certificationStatus
        phone @include(if: $withPersonalData)
        archivedAt
        homeArea @include(if: $withPersonalData) {
          code
          name
        }
        activeAssignments {
          id
          isPrimary
          organisation {
            id
            name
          }
        }
      }
    }
  }
`);

export const WorkerDetailQuery = graphql(`
  query WorkerDetail($id: ID!, $withPersonalData: Boolean!) {
    worker(id: $id) {
      id
      viewerCanManage
      fullName
      gender
      employmentStatus
      phone @include(if: $withPersonalData)
      email @include(if: $withPersonalData)
      maskedNationalIdNumber @include(if: $withPersonalData)
      homeAreaCode @include(if: $withPersonalData)
      homeArea @include(if: $withPersonalData) {
        code
        name
      }
      certificationStatus
      archivedAt
      archiveReason @include(if: $withPersonalData)
      version
      certifications {
        id
        kind
        level
        certificateNumber
        issuer
        issuedOn
        expiresOn
        testDate
      }
      assignments(includeEnded: true) {
        id
        startsOn
        endsOn
        endReason
        isPrimary
        isActive
        organisation {
          id
          name
          kind
          viewerCanManage
        }
      }
      caseInvolvements(first: 50) {
        totalCount
        nodes {
          id
          isLead
          startsOn
          endsOn
          role {
            code
            labelId
            labelEn
          }
          case {
            id
            reference
            status
            openedOn
            pmksCategory {
              code
              labelId
              labelEn
            }
            organisation {
              id
              name
            }
          }
        }
      }
    }
  }
`);

export const HandoverPreviewQuery = graphql(`
  query HandoverPreview($workerId: ID!, $endsOn: LocalDate!) {
    handoverPreview(workerId: $workerId, endsOn: $endsOn) {
      workerId
      workerName
      endsOn
      placements {
        assignmentId
        organisationId
        organisationName
        isPrimary
        becomesUncovered
        proposedWorkerId
        candidates {
          workerId
          fullName
          certified
          sameKelurahan
          sameKecamatan
          activePlacements
        }
      }
      involvements {
        involvementId
        caseId
        caseReference
        organisationName
        roleCode
        isLead
        becomesUncovered
        proposedWorkerId
        candidates {
          workerId
          fullName
          certified
          sameKelurahan
          sameKecamatan
          activePlacements
        }
      }
    }
  }
`);
