import tensorflow as tf

dense = tf.keras.layers.Dense(32, use_bias=False)
bn = tf.keras.layers.BatchNormalization()
head = tf.keras.layers.Dense(1)
opt = tf.keras.optimizers.SGD(0.01)

for x, y in dataset:
    with tf.GradientTape() as tape:
        h = bn(dense(x))  # expect: BN203
        loss = tf.reduce_mean(tf.square(head(tf.nn.relu(h)) - y))
    variables = dense.trainable_variables + bn.trainable_variables + head.trainable_variables
    opt.apply_gradients(zip(tape.gradient(loss, variables), variables))
