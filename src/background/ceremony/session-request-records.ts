/** The page door's request records in storage.session: a restarted worker accepts a resume by them. */
import { readSession, updateSession } from '../session-state.ts';
import type { RequestRecord, RequestRecords } from './page-door.ts';

const KEY = 'requests';
type All = Record<string, RequestRecord>;

export const sessionRequestRecords: RequestRecords = {
  async get(requestId) {
    return (await readSession<All>(KEY, {}))[requestId];
  },
  put(record) {
    return updateSession(KEY, {} as All, (all) => ({
      value: { ...all, [record.requestId]: record },
      result: undefined,
    }));
  },
  delete(requestId) {
    return updateSession(KEY, {} as All, (all) => {
      const { [requestId]: _, ...rest } = all;
      return { value: rest, result: undefined };
    });
  },
};
