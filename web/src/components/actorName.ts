import type { Texts } from '../i18n';

/** A record's actor as the log and the history keep it, with the names of a representative's act. */
interface ActorNames {
  actorName: string;
  representativeName?: string | null | undefined;
  representedName?: string | null | undefined;
}

/**
 * Who did it, in the reader's language: a representative's act as "Sara Holm på vegne af Lars Holm"
 * (from the record's own fields, docs/design.md rule 13); anyone else by the name the record keeps.
 */
export function actorName({ t }: Texts, record: ActorNames): string {
  return record.representativeName && record.representedName
    ? t.onBehalfOf(record.representativeName, record.representedName)
    : record.actorName;
}
