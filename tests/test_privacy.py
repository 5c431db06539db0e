from weiquan.common.privacy import mask_name, mask_phone


def test_masks() -> None:
    assert mask_name("王丽") == "王*"
    assert mask_name(" Li Na ") == "L*"
    assert mask_name("") == ""
    assert mask_phone("138 0013 8001") == "*******8001"
    assert mask_phone("12") == "**"
