/** The request header the sign-up form sends an invitation link's token in, for WEFT_SIGNUP=invite. */
export const INVITATION_HEADER = 'x-weft-invitation';
