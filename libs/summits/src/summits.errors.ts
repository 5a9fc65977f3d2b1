import { defineErrorCodes } from '@plenary/common';

/** The error codes of summits, participation, the agenda and speakers lists. */
export const SummitErrorCode = defineErrorCodes({
  SummitNotFound: ['SUMMIT_NOT_FOUND', 404],
  SessionNotFound: ['SESSION_NOT_FOUND', 404],
  ScheduleConflict: ['SCHEDULE_CONFLICT', 409],
  InvalidTransition: ['INVALID_TRANSITION', 409],
  SpeakersList: ['SPEAKERS_LIST', 409],
  RoomNotFound: ['ROOM_NOT_FOUND', 404],
  RoomNameTaken: ['ROOM_NAME_TAKEN', 409],
  SpeakerAlreadyListed: ['SPEAKER_ALREADY_LISTED', 409],
  StaleOrder: ['STALE_ORDER', 409],
});
