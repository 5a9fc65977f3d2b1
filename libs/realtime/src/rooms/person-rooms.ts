import { RoomNames } from './room-kind';

/**
 * Rooms every authenticated socket is in, by which a person's connections, or
 * one sign-in's, are reached on every namespace and every server process.
 */
export const personRooms = {
  /** `user:<id>`: every connection of one person. */
  user: new RoomNames('user'),
  /** `sign-in:<id>`: every connection of one sign-in session. */
  signIn: new RoomNames('sign-in'),
};
