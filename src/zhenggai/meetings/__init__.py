"""The meeting cycle's first half: meeting and notice, opinions (征求意见), talks (谈心谈话)."""
