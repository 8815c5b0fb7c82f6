import { todayIn } from '@peksos/types';

/** The registry's time zone (Western Indonesian Time): what "today" means. */
export const REGISTRY_TIME_ZONE = 'Asia/Jakarta';

export function today(): string {
  return todayIn(REGISTRY_TIME_ZONE);
}
