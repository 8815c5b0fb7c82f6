import type { EntityManager } from 'typeorm';

/**
 * The competency test the report says the 23 uncertified Peksos will sit "soon": one session, organised by the city
 * office, with every worker who has a test scheduled enrolled and no result yet.
 */
export async function loadCimahiTraining(manager: EntityManager): Promise<void> {
  const [office] = (await manager.query(`SELECT id FROM organisation WHERE code = 'DINSOS-3277'`)) as { id: string }[];
  if (!office) throw new Error('Cimahi training data: the city office must be loaded first');
  const [session] = (await manager.query(
    `INSERT INTO training_session (title, kind, certification_level, held_on, place, organiser_id, capacity)
     VALUES ('Uji kompetensi Pekerja Sosial Generalis', 'COMPETENCY_TEST', 'GENERALIST', '2018-02-20',
             'Aula DinsosP2KBPA Kota Cimahi', $1, 30) RETURNING id`,
    [office.id],
  )) as { id: string }[];
  await manager.query(
    `INSERT INTO training_enrolment (session_id, worker_id)
     SELECT $1, c.worker_id FROM certification c WHERE c.kind = 'SCHEDULED_TEST' AND c.test_date = '2018-02-20'`,
    [session!.id],
  );
}
