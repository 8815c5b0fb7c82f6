import { graphql } from '../../../generated/gql/index.js';

export const CreateWorkerMutation = graphql(`
  mutation CreateWorker($input: CreateWorkerInput!) {
    createWorker(input: $input) {
      id
      fullName
    }
  }
`);

export const UpdateWorkerMutation = graphql(`
  mutation UpdateWorker($id: ID!, $input: UpdateWorkerInput!) {
    updateWorker(id: $id, input: $input) {
      id
      fullName
      version
    }
  }
`);

export const ArchiveWorkerMutation = graphql(`
  mutation ArchiveWorker($id: ID!, $reason: String!) {
    archiveWorker(id: $id, reason: $reason) {
      id
      archivedAt
      archiveReason
    }
  }
`);

export const ScheduleCompetencyTestMutation = graphql(`
  mutation ScheduleCompetencyTest($input: ScheduleCompetencyTestInput!) {
    scheduleCompetencyTest(input: $input) {
      id
    }
  }
`);

export const RecordCertificationMutation = graphql(`
  mutation RecordCertification($input: RecordCertificationInput!) {
    recordCertification(input: $input) {
      id
    }
  }
`);

export const EndAssignmentMutation = graphql(`
  mutation EndAssignment($id: ID!, $endsOn: LocalDate!, $reason: String) {
    endAssignment(id: $id, endsOn: $endsOn, reason: $reason) {
      id
      endsOn
      endReason
    }
  }
`);

export const HandOverWorkerMutation = graphql(`
  mutation HandOverWorker($input: HandOverWorkerInput!) {
    handOverWorker(input: $input) {
      assignmentsEnded {
        id
      }
      assignmentsMade {
        id
      }
      involvementsEnded {
        id
      }
      involvementsMade {
        id
      }
    }
  }
`);
