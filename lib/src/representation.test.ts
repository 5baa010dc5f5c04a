import { namesOnBehalfOf, onBehalfOf } from './representation';

describe("a representative's act keeps both names, so each reader's app can say it in its own language", () => {
  it.each([
    ['Sara Holm on behalf of Lars Holm', null, { representativeName: 'Sara Holm', representedName: 'Lars Holm' }],
    [onBehalfOf('Ole Bisgaard', 'Jonas Berg'), null, { representativeName: 'Ole Bisgaard', representedName: 'Jonas Berg' }],
    // A caseworker's record is never read as a representative's act, whatever the name says.
    ['Sara Holm on behalf of Lars Holm', 'EMPLOYMENT', undefined],
    ['Lars Holm', null, undefined],
    ['on behalf of Lars Holm', null, undefined],
    ['Sara Holm on behalf of ', null, undefined],
  ])('%j (department %s) → %j', (actorName, department, expected) => {
    expect(namesOnBehalfOf(actorName, department)).toEqual(expected);
  });
});
