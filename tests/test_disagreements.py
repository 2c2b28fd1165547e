"""Paper against library: differences past the threshold are flagged and listed."""

from conftest import real_registry
from netscore_atlas.disagree import THRESHOLDS, disagreements


def test_thresholds_flag_by_points_and_by_ratio():
    nets = [{"id": "x", "name": "X", "resolution": 224,
             "top1": {"value": 75.3, "source": "p", "alternatives": [{"value": 76.2, "source": "a"}, {"value": 80.858, "source": "b"}]},
             "macs_g": {"value": 3.8, "source": "p", "alternatives": [{"value": 3.9, "source": "a"}, {"value": 4.089, "source": "b"}]}}]
    found = {(d.quantity, d.source): d for d in disagreements(nets)}
    assert not found[("top1", "a")].flagged  # +0.9 points <= 1
    assert found[("top1", "b")].flagged and round(found[("top1", "b")].difference, 3) == 5.558  # 80.858 - 75.3
    assert not found[("macs_g", "a")].flagged  # 3.9 / 3.8 - 1 = 2.6 % <= 5 %
    assert found[("macs_g", "b")].flagged  # 4.089 / 3.8 - 1 = 7.6 %
    # largest first, in comparable units: 7.6 % of MACs before 5.56 points of top-1
    assert [(d.quantity, d.source) for d in disagreements(nets)][:2] == [("macs_g", "b"), ("top1", "b")]
    assert THRESHOLDS["top1"] == ("points", 1.0)


def test_resnet50_paper_against_torchvision_v2_is_listed(real_site):
    found = [d for d in disagreements(real_registry().networks)
             if d.network == "resnet_50" and d.quantity == "top1" and d.recipe == "IMAGENET1K_V2"]
    assert len(found) == 1 and found[0].primary == 75.3 and found[0].alternative == 80.858 and found[0].flagged
    page = (real_site["dir"] / "disagreements" / "index.html").read_text()
    row = next(r for r in page.split("<tr>") if "networks/resnet_50/" in r and "IMAGENET1K_V2" in r and "Top-1" in r)
    assert "+5.56 pt" in row and ("75.3 (he2016resnet" in row or "75.3 (resnet_repo" in row)
    net_page = (real_site["dir"] / "networks" / "resnet_50" / "index.html").read_text()
    assert "⚑ differs" in net_page and "IMAGENET1K_V2" in net_page
