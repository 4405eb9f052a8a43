"""Pages of the meetings app: meetings and notice, opinions, the public collection page, talks."""
