import torch
from torchvision.models.segmentation import deeplabv3_resnet50


def finetune(loader, epochs=5):
    model = deeplabv3_resnet50(weights="DEFAULT")
    model.backbone.requires_grad_(False)
    opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.01)
    model.train()  # expect: BN204
    for epoch in range(epochs):
        for images, masks in loader:
            out = model(images)["out"]
            loss = torch.nn.functional.cross_entropy(out, masks)
            opt.zero_grad()
            loss.backward()
            opt.step()
