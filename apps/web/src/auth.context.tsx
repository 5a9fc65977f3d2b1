import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { logout, onSessionLost, restoreSession, type User } from './api';
import { useLanguage } from './language.context';
import { navigate } from './router';

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
    void restoreSession()
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
        queryClient.clear();
        setCurrentUser(null);
        navigate('/login', { replace: true });
      }),
    [queryClient],
  );

  const signOut = useCallback(async () => {
    await logout();
    queryClient.clear();
    setCurrentUser(null);
    navigate('/login', { replace: true });
  }, [queryClient]);

  const value = useMemo(() => ({ ready, user, setUser, signOut }), [ready, user, setUser, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside an AuthProvider');
  return auth;
}
