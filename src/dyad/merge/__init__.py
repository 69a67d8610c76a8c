"""Merging: one real-world event, many reports. Coded events (mentions) from many
articles are clustered into events, each with a canonical mention and counts of
mentions, articles and distinct sources (rules in data/merge.yaml)."""

from dyad.merge.cluster import Changes, Cluster, Clusterer, cluster_mentions
from dyad.merge.mention import Mention, mention_from_event
from dyad.merge.rules import MergeRules, load_rules
from dyad.merge.score import PairScore, compare, explain

__all__ = ["Changes", "Cluster", "Clusterer", "Mention", "MergeRules", "PairScore",
           "cluster_mentions", "compare", "explain", "load_rules", "mention_from_event"]
