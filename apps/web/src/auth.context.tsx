import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { logout, onSessionLost, startupSession, type User } from './api';
import { useLanguage } from './language.context';

interface Auth {
  /** False until the start-up attempt to restore a session has answered. */
  ready: boolean;
  user: User | null;
  /** Records the person who just signed in or whose profile just changed. */
  setUser(user: User): void;
  signOut(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { suggestLocale } = useLanguage();
  const [ready, setReady] = useState(false);
  const [user, setCurrentUser] = useState<User | null>(null);
  const queryClient = useQueryClient();

  const setUser = useCallback(
    (next: User) => {
      setCurrentUser(next);
      suggestLocale(next.locale);
    },
    [suggestLocale],
  );

  useEffect(() => {
    let active = true;
    void startupSession()
      .catch((error: unknown) => {
        console.error('The session could not be restored', error);
        return null;
      })
      .then((restored) => {
        if (!active) return;
        if (restored) setUser(restored);
        setReady(true);
      });
    return () => {
      active = false;
    };
  }, [setUser]);

  useEffect(
    () =>
      onSessionLost(() => {
        // What one person was shown is never shown to the next one to sign in on this page.
        // The signed-in pages then send the person to the sign-in page, to come back once signed in again.
        queryClient.clear();
        setCurrentUser(null);
      }),
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await logout();
    queryClient.clear();
    setCurrentUser(null);
  }, [queryClient]);

  const value = useMemo(() => ({ ready, user, setUser, signOut }), [ready, user, setUser, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The person signed in, on the pages that only signed-in people reach (see routes.tsx). */
export function useSignedInUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useSignedInUser is for the pages of signed-in people');
  return user;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside an AuthProvider');
  return auth;
}
