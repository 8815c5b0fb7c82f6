export { trainingModule, trainingModule as schemaModule } from './training.module.js';
export { TrainingSession, TrainingEnrolment, TrainingResult, TrainingSessionKind } from './sessions/training.entities.js';
