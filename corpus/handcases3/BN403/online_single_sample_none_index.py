import torch
import torchvision

model = torchvision.models.resnet18(num_classes=2)
opt = torch.optim.SGD(model.parameters(), lr=1e-3)
model.train()
for image, label in stream:
    logits = model(image[None])  # expect: BN403
    loss = torch.nn.functional.cross_entropy(logits, label.view(1))
    opt.zero_grad()
    loss.backward()
    opt.step()
