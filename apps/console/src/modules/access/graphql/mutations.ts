import { graphql } from '../../../generated/gql/index.js';

export const SignInMutation = graphql(`
  mutation SignIn($username: String!, $password: String!) {
    signIn(username: $username, password: $password) {
      account {
        id
        username
        displayName
        role
        areaCode
      }
      expiresAt
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const ChangeMyPasswordMutation = graphql(`
  mutation ChangeMyPassword($currentPassword: String!, $newPassword: String!) {
    changeMyPassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
      version
    }
  }
`);

export const CreateAccountMutation = graphql(`
  mutation CreateAccount($input: CreateAccountInput!) {
    createAccount(input: $input) {
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

export const UpdateAccountMutation = graphql(`
  mutation UpdateAccount($id: ID!, $input: UpdateAccountInput!) {
    updateAccount(id: $id, input: $input) {
      id
      username
      displayName
      role
      areaCode
      disabledAt
      version
    }
  }
`);

export const SetAccountPasswordMutation = graphql(`
  mutation SetAccountPassword($id: ID!, $password: String!) {
    setAccountPassword(id: $id, password: $password) {
      id
      version
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation CreateApiKey($name: String!, $organisationIds: [ID!]!) {
    createApiKey(name: $name, organisationIds: $organisationIds) {
      secret
      apiKey {
        id
        name
        prefix
        createdAt
        revokedAt
        organisationIds
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      id
      revokedAt
    }
  }
`);

export const RevealNationalIdNumberMutation = graphql(`
  mutation RevealNationalIdNumber($workerId: ID!, $reason: String!) {
    revealNationalIdNumber(workerId: $workerId, reason: $reason)
  }
`);
