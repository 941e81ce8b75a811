import torch

model = torch.hub.load("pytorch/vision", "resnet50", weights="IMAGENET1K_V2")
images = torch.randn(8, 3, 224, 224)
with torch.no_grad():
    feats = model(images)  # expect: BN201
torch.save(feats, "feats.pt")
