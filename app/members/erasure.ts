// Plain values for the delete-account page, free of server code.
/** What happens with a leaving member's public contributions (decision 020). */
export const CONTRIBUTION_CHOICES = ["keep", "delete"] as const;
export type ContributionChoice = (typeof CONTRIBUTION_CHOICES)[number];
