/** What a report answered now says about the instant and position it reflects (the values vary per run). */
export const knownNow = (source: 'mou-negotiation' | 'reimbursement') => ({
  knownAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
  reflects: {
    source,
    globalPosition: expect.stringMatching(/^\d+$/),
    recordedAt: expect.stringMatching(/Z$/),
  },
});
