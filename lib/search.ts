/** The longest search text a list takes: the API refuses longer, the search field stops there, the URL is cut there. */
export const MAX_SEARCH_LENGTH = 200;
