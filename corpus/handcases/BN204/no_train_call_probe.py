import torch
import torchvision

backbone = torchvision.models.resnet18(weights="IMAGENET1K_V1")
backbone.fc = torch.nn.Linear(512, 10)
for name, p in backbone.named_parameters():
    if not name.startswith("fc."):
        p.requires_grad = False

opt = torch.optim.Adam(backbone.fc.parameters())
for x, y in train_loader:
    out = backbone(x)  # expect: BN204
    loss = torch.nn.functional.cross_entropy(out, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
