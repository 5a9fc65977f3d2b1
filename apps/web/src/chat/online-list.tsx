import type { PresenceEntry } from '@plenary/live-contract';
import { useLanguage } from '../language.context';

interface OnlineListProps {
  online: PresenceEntry[];
  selfId: string;
  nameOf(userId: string): string;
  /** The delegation's name, null for an organisation not (or no longer) taking part. */
  delegationName(organisationId: string): string | null;
}

/** Who is in the summit right now, by delegation; people of no delegation (the host side) are listed on their own. */
export function OnlineList({ online, selfId, nameOf, delegationName }: OnlineListProps) {
  const { t, locale } = useLanguage();
  const others = online.filter((entry) => entry.userId !== selfId);
  const groups = new Map<string, string[]>();
  for (const entry of others) {
    const delegations = entry.organisationIds.map(delegationName).filter((name): name is string => name !== null);
    for (const group of delegations.length ? delegations : [t('chat.onlineHostSide')]) groups.set(group, [...(groups.get(group) ?? []), nameOf(entry.userId)]);
  }
  const sorted = [...groups].sort(([a], [b]) => a.localeCompare(b, locale));

  return (
    <details className="chat-online">
      <summary>{t('chat.online', { count: others.length })}</summary>
      {sorted.length === 0 ? (
        <p>{t('chat.onlineNobody')}</p>
      ) : (
        <ul>
          {sorted.map(([group, names]) => (
            <li key={group}>
              <span className="chat-online-group">{t('chat.onlineGroup', { group })}</span> {names.sort((a, b) => a.localeCompare(b, locale)).join(', ')}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
