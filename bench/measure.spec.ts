import { interleavedRounds, rounds, type SlicedSubject } from './measure';

describe('interleavedRounds', () => {
  it('gives every subject its turns in rotating order and one rate per round', async () => {
    const order: string[] = [];
    const subject = (name: string, unitsPerSecond: number): SlicedSubject => ({
      name,
      run: async (ms) => {
        order.push(name);
        return { units: (unitsPerSecond * ms) / 1000, seconds: ms / 1000 };
      },
    });
    const samples = await interleavedRounds(
      [subject('a', 100), subject('b', 50), subject('c', 10)],
      2,
      3,
      200,
    );
    expect(order.slice(0, 9)).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b']);
    expect(order).toHaveLength(18);
    const rates = (name: string) => samples.get(name)!.map((rate) => Math.round(rate * 1000) / 1000);
    expect(rates('a')).toEqual([100, 100]);
    expect(rates('b')).toEqual([50, 50]);
    expect(rates('c')).toEqual([10, 10]);
  });
});

describe('rounds', () => {
  it('rotates which subject goes first', async () => {
    const order: string[] = [];
    const subject = (name: string) => ({ name, measure: async () => (order.push(name), 1) });
    await rounds([subject('x'), subject('y')], 2);
    expect(order).toEqual(['x', 'y', 'y', 'x']);
  });
});
